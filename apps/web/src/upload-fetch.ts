/**
 * A `fetch` for the upload link that goes through XMLHttpRequest, because fetch cannot report
 * upload progress. A request whose init carries `onUploadProgress` (set per mutation through
 * Apollo's `context.fetchOptions`) reports each progress event as a fraction 0–1; everything else
 * goes to the real fetch.
 */
export interface ProgressInit extends RequestInit {
  onUploadProgress?: (fraction: number) => void;
}

export function uploadFetch(input: RequestInfo | URL, init: ProgressInit = {}): Promise<Response> {
  const { onUploadProgress, ...rest } = init;
  if (!onUploadProgress) return fetch(input, rest);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(rest.method ?? 'POST', String(input));
    new Headers(rest.headers).forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onUploadProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onUploadProgress(1);
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      resolve(new Response(xhr.responseText, { status: xhr.status, headers }));
    };
    xhr.onerror = () => reject(new TypeError('Network error while uploading'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    rest.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(rest.body as XMLHttpRequestBodyInit | null);
  });
}
