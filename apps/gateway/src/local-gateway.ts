import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import type { LocalGateway, LocalOperation } from '@reel/compat-rest/local-gateway-client';
import type { ConfigOf, Logger, ReadinessReport } from '@reel/common';
import { GraphQLError } from 'graphql';
import { type FileUpload, Upload } from 'graphql-upload-minimal';
import type { GatewayContext } from './context';
import { type VerifiedViewer, viewerFrom } from './viewer';

/**
 * This gateway to an app in its own process (compat-rest in the one-process topology): each
 * operation goes through Apollo's request pipeline (the same plugins, limits, masking and
 * planning as /graphql) with the context the HTTP route would build: the token verified here,
 * once, the request id, the request's logger and the client's address. What the HTTP route does
 * before Apollo (body limits, the per-address limit) the calling app has done itself.
 */
export function localGateway(
  config: ConfigOf<'auth'>,
  apollo: ApolloServer<GatewayContext>,
  readiness: () => Promise<ReadinessReport>,
  log: Logger,
  flags: LocalGateway['viewerFlags'],
): LocalGateway {
  return {
    viewerFlags: flags,
    async execute(operation) {
      let verified: VerifiedViewer;
      try {
        verified = await viewerFrom(config, operation.authorization);
      } catch (error) {
        // as Apollo answers a context that throws: the coded error alone
        if (error instanceof GraphQLError) return { errors: [error.toJSON()] };
        throw error;
      }
      const { query, operationName, file } = operation;
      const upload = file && (await uploadOf(file));
      const response = await apollo.executeOperation(
        {
          query,
          operationName,
          variables: upload
            ? { ...operation.variables, [upload.variable]: upload.value }
            : operation.variables,
          // the upload-volume limit reads the request's declared size (rate-limits.ts)
          http: upload && {
            method: 'POST',
            headers: new HeaderMap([['content-length', String(upload.bytes)]]),
            search: '',
            body: undefined,
          },
        },
        {
          contextValue: {
            ...verified,
            requestId: operation.requestId,
            log: operation.log ?? log.child({ requestId: operation.requestId }),
            clientIp: operation.clientIp,
          },
        },
      );
      if (response.body.kind !== 'single')
        throw new Error('incremental delivery is not used by in-process callers');
      return response.body.singleResult;
    },
    async checkReady() {
      const report = await readiness();
      if (!report.ready) throw new Error(`gateway not ready: ${JSON.stringify(report.checks)}`);
    },
  };
}

/** A file on disk as graphql-upload's processRequest would have delivered it from a form. */
async function uploadOf(file: NonNullable<LocalOperation['file']>) {
  const { size } = await stat(file.path);
  // `resolve` is public in the class, though its typings leave it out
  const value = new Upload() as Upload & { resolve(file: FileUpload): void };
  value.resolve({
    fieldName: '0', // the part a multipart request carries its only file in
    filename: file.filename,
    mimetype: 'application/octet-stream',
    encoding: '7bit',
    createReadStream: () => createReadStream(file.path),
  });
  return { variable: file.variable, value, bytes: size };
}
