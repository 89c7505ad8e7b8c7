import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Folder of the webview's script and style sheet, relative to the extension. */
export const LAB_MEDIA_FOLDER = ['media', 'labs'] as const;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Options for the lab progress webview, limiting it to its own media folder. */
export function labWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...LAB_MEDIA_FOLDER)],
  };
}

/**
 * Builds the page of the lab progress webview. The script draws the cells from
 * messages with DOM text nodes, so no notebook text is ever parsed as HTML; the
 * only text in this page is the escaped title. The content security policy
 * allows no inline script, only the page's own script file with a fresh nonce.
 */
export function buildLabPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const media = vscode.Uri.joinPath(extensionUri, ...LAB_MEDIA_FOLDER);
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(media, 'progress.js'));
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(media, 'progress.css'));

  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');

  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(styleUri.toString())}">
  <title>${escapeHtml(title)}</title>
</head>
<body>
  <main id="app" aria-live="polite">
    <h1 class="lab-title">${escapeHtml(title)}</h1>
    <p class="lab-loading">Loading cell progress…</p>
  </main>
  <script nonce="${nonce}" src="${escapeHtml(scriptUri.toString())}"></script>
</body>
</html>`;
}
