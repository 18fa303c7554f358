// Hands the browser a one-time download URL from the core (with this page's token), as a click on
// a link, so the file is saved under its name rather than opened.
import { currentToken, withToken } from './token';

export function triggerDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = withToken(url, currentToken());
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
