/** Saves `text` as a file through the browser's own download (no `downloads` permission needed). */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Firefox reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const today = (): string => new Date().toISOString().slice(0, 10);
