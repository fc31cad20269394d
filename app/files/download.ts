// Hand a file to the browser as a download: a Blob behind an object URL, clicked through a transient link.

export function offerDownload(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a little later is safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
