import { readFileSync } from 'node:fs';
import { composeFile, expectedComposeFile } from '../scripts/lib/compose-file';

describe('docker-compose.yml', () => {
  it('has one container per subgraph of the manifest (run `npm run compose:write` after adding one)', () => {
    const committed = readFileSync(composeFile, 'utf8');
    expect(committed).toBe(expectedComposeFile(committed));
  });
});
