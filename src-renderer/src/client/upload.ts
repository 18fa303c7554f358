// Streams a file the person picked in the browser to the core (PUT /upload/<name>), which answers
// with a path the ordinary calls accept. XMLHttpRequest rather than fetch: it reports upload
// progress, which a 300 MB model needs.
import { currentToken, withToken } from './token';

export interface Uploaded {
  id: string;
  path: string;
  bytes: number;
}

export function uploadFile(file: File, onProgress?: (sent: number, total: number) => void, signal?: AbortSignal): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', withToken(`/upload/${encodeURIComponent(file.name)}`, currentToken()));
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as Uploaded);
      else reject(new Error(xhr.responseText || `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload failed: the connection to the studio was lost.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Tells the core the page is done with an upload; best effort, a sweep removes it later anyway. */
export async function discardUpload(id: string): Promise<void> {
  await fetch(withToken(`/upload/${encodeURIComponent(id)}`, currentToken()), { method: 'DELETE' }).catch(() => undefined);
}
