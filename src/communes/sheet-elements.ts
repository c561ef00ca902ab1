import { printedAtLabel } from './printed-at.ts';

/**
 * `<print-sheet>`: shows its "Imprimer" button once JavaScript runs (without it the browser's own
 * menu prints the same sheet), and rewrites the printed date when printing starts, since a sheet
 * left open in a tab is often printed long after it was loaded.
 */
class PrintSheet extends HTMLElement {
  connectedCallback() {
    const button = this.querySelector('button');
    if (button) {
      button.hidden = false;
      button.addEventListener('click', () => window.print());
    }
    window.addEventListener('beforeprint', () => {
      for (const stamp of document.querySelectorAll('[data-printed-at]'))
        stamp.textContent = printedAtLabel(
          new Date(),
          undefined,
          document.documentElement.lang === 'en' ? 'en' : 'fr',
        );
    });
  }
}

/** `<copy-snippet data-copied data-copy-failed>` (the page's words): a "Copier" button for the `<pre><code>` it wraps, where the clipboard is available. */
class CopySnippet extends HTMLElement {
  connectedCallback() {
    const button = this.querySelector('button');
    const code = this.querySelector('code');
    const status = this.querySelector('[data-copy-status]');
    if (!button || !code || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent ?? '');
        if (status) status.textContent = this.dataset.copied ?? '';
      } catch {
        if (status) status.textContent = this.dataset.copyFailed ?? '';
      }
    });
  }
}

if (!customElements.get('print-sheet')) customElements.define('print-sheet', PrintSheet);
if (!customElements.get('copy-snippet')) customElements.define('copy-snippet', CopySnippet);
