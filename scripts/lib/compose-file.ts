/**
 * The part of docker-compose.yml that depends on the subgraph manifest: one container per
 * subgraph, and the gateway that needs them all. `npm run compose:write` rewrites it between the
 * markers; a test fails when the committed file differs, so a new subgraph never edits compose.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { subgraphManifest } from '@reel/common/manifest';

export const composeFile = path.resolve(__dirname, '..', '..', 'docker-compose.yml');
const BEGIN = /^ {2}# <generated>.*$/m;
const END = /^ {2}# <\/generated>$/m;

const readinessCheck = (port: number) => `    healthcheck:
      <<: *readiness-timing
      test:
        - CMD
        - node
        - -e
        - "fetch('http://127.0.0.1:${port}/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"`;

function generatedServices(): string {
  const subgraphs = subgraphManifest.map(
    (entry) => `  ${entry.name}:
    <<: *node-service
    environment: *subgraph-env
    command: ['node', '--enable-source-maps', 'dist/${entry.name}-subgraph.js']
${'media' in entry ? '    volumes:\n      - media:/app/.data/media\n' : ''}    depends_on:
      mysql:
        condition: service_healthy
      redis:
        condition: service_healthy
      nats:
        condition: service_healthy
${readinessCheck(entry.port)}
`,
  );
  const gateway = `  gateway:
    <<: *node-service
    command: ['node', '--enable-source-maps', 'dist/gateway.js']
    environment:
      <<: *node-env
      # the client address behind compat-rest (login limits): believe X-Forwarded-For from
      # compat-rest's fixed address only, never from a client reaching port 4000
      TRUSTED_PROXY: 172.29.240.80
${subgraphManifest.map(({ name, port }) => `      ${name.toUpperCase()}_URL: http://${name}:${port}`).join('\n')}
    # serves /media from the files the video subgraph writes
    volumes:
      - media:/app/.data/media
    ports:
      - '4000:4000'
    depends_on:
${subgraphManifest.map(({ name }) => `      ${name}:\n        condition: service_healthy`).join('\n')}
      nats:
        condition: service_healthy
${readinessCheck(4000)}`;
  return [...subgraphs, gateway].join('\n');
}

/** The compose file as it should be: the committed text with the generated part rewritten. */
export function expectedComposeFile(current = readFileSync(composeFile, 'utf8')): string {
  const begin = BEGIN.exec(current);
  const end = END.exec(current);
  if (!begin || !end || end.index < begin.index)
    throw new Error(`${composeFile}: the <generated> markers are missing`);
  const head = current.slice(0, begin.index + begin[0].length);
  return `${head}\n${generatedServices()}\n${current.slice(end.index)}`;
}

if (require.main === module) {
  writeFileSync(composeFile, expectedComposeFile());
  console.log(`wrote ${path.relative(process.cwd(), composeFile)}`);
}
