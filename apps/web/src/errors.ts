import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export interface ReadableError {
  message: string;
  code?: string;
}

/** What to tell the user about a failed operation: the server's own message when it sent one. */
export function readableError(error: unknown): ReadableError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return {
      message: first?.message ?? error.message,
      code: first?.extensions?.code as string | undefined,
    };
  }
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      const first = body.errors?.[0];
      if (first) return { message: first.message, code: first.extensions?.code };
    } catch {
      // not JSON: fall through to the status line
    }
    return { message: `The server answered ${error.statusCode}` };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: 'Something went wrong' };
}
