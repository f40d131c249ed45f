import { readFileSync } from 'node:fs';
import path from 'node:path';
import { breakingChanges, compose, readSubgraphs, supergraphFile } from './compose';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

describe('supergraph composition', () => {
  it('composes the subgraphs into exactly the committed supergraph', () => {
    const result = compose(readSubgraphs());
    expect(result).toEqual({ ok: true, supergraphSdl: readFileSync(supergraphFile, 'utf8') });
  });

  it('fails on a broken subgraph with a message naming the problem', () => {
    const broken = {
      name: 'broken',
      file: fixture('broken-subgraph.graphql'),
      sdl: readFileSync(fixture('broken-subgraph.graphql'), 'utf8'),
    };
    const result = compose([...readSubgraphs(), broken]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toMatch(/\[broken\] Unknown type Mood/);
  });

  it('reports a removed field as a breaking change unless it is allow-listed', async () => {
    const subgraphs = readSubgraphs();
    const before = compose(subgraphs);
    const user = subgraphs.find((subgraph) => subgraph.name === 'user');
    if (!before.ok || !user) throw new Error('fixture composition failed');
    const withoutSignature = { ...user, sdl: user.sdl.replace(/^\s*signature: String!\n/m, '\n') };
    const after = compose(
      subgraphs.map((subgraph) => (subgraph === user ? withoutSignature : subgraph)),
    );
    if (!after.ok) throw new Error(after.errors.join('\n'));

    expect(await breakingChanges(before.supergraphSdl, after.supergraphSdl)).toEqual([
      { path: 'User.signature', message: "Field 'signature' was removed from object type 'User'" },
    ]);
    expect(
      await breakingChanges(before.supergraphSdl, after.supergraphSdl, [
        { path: 'User.signature', reason: 'test' },
      ]),
    ).toEqual([]);
    expect(await breakingChanges(before.supergraphSdl, before.supergraphSdl)).toEqual([]);
  });
});
