# One image for every Reel service. Sources run untranspiled (node --import tsx), as with `npm start`;
# docker-compose.yml picks each container's entry point with `command`. Alone:
#   docker build -t reel . && docker run --rm reel node --import tsx subgraphs/user/src/main.ts

# Only the manifests, so the `npm ci` layer below is reused until a package.json or the lock changes.
FROM node:20-bookworm-slim AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=manifests /app ./
# dev dependencies included: tsx runs the sources
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY . .
# the web client's production build, served by the gateway at /
RUN npm run build --workspace @reel/web
# the media volume takes this directory's owner when compose first creates it
RUN mkdir -p .data/media && chown -R node:node .data
USER node
ENV HOST=0.0.0.0 MEDIA_DIR=/app/.data/media
# the gateway and compat-rest; subgraphs listen on their manifest ports (packages/common/src/manifest.ts)
EXPOSE 4000 8080
CMD ["node", "--import", "tsx", "apps/gateway/src/main.ts"]
