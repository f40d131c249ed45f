# One image for every Reel service, compiled to JS as `npm start` runs it (dist/, scripts/lib/build.ts).
# Alone, it runs the single topology (every service in one process, a worker per core, the gateway
# on 4000 and compat-rest on 8080); docker-compose.yml runs one service per container instead,
# picking each entry point with `command`, e.g.
#   docker build -t reel . && docker run --rm reel node dist/user-subgraph.js

# Only the manifests, so the `npm ci` layer below is reused until a package.json or the lock changes.
FROM node:20-bookworm-slim AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=manifests /app ./
# dev dependencies included: esbuild compiles the server, vite the web client
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY . .
# the web client's production build, served by the gateway at /, and the server's
RUN npm run build --workspace @reel/web && npm run build
# the media volume takes this directory's owner when compose first creates it
RUN mkdir -p .data/media && chown -R node:node .data
USER node
ENV HOST=0.0.0.0 MEDIA_DIR=/app/.data/media
# the gateway and compat-rest; subgraphs listen on their manifest ports (packages/common/src/manifest.ts)
EXPOSE 4000 8080
CMD ["node", "--max-semi-space-size=64", "--expose-gc", "--enable-source-maps", "dist/one-machine.js"]
