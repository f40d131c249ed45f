import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where media live. Keys are relative paths ("videos/ab/uuid.mp4"); URLs are absolute, from the
 * public base URL, because phones cannot reach localhost. A local directory serves one machine;
 * an S3-compatible bucket is the same interface when one machine is outgrown.
 */
export interface MediaStore {
  /** Moves a finished local file into the store under `key` (atomically visible). */
  putFile(key: string, localPath: string): Promise<void>;
  delete(key: string): Promise<void>;
  url(key: string): string;
}

const KEY = /^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]{1,5})?$/;

export function assertMediaKey(key: string): void {
  if (!KEY.test(key) || key.includes('//') || key.includes('..'))
    throw new Error(`invalid media key "${key}"`);
}

export class LocalMediaStore implements MediaStore {
  constructor(
    readonly root: string,
    private readonly publicBaseUrl: string,
  ) {}

  private pathOf(key: string): string {
    assertMediaKey(key);
    return path.join(this.root, key);
  }

  async putFile(key: string, localPath: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(localPath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // another filesystem: copy beside the target, then rename so readers never see half a file
      const partial = `${target}.${randomUUID()}.partial`;
      await copyFile(localPath, partial);
      await rename(partial, target);
      await rm(localPath, { force: true });
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  url(key: string): string {
    assertMediaKey(key);
    return `${this.publicBaseUrl}/media/${key}`;
  }
}
