/**
 * <share-copy>: shows the "copy the link" button and copies the page's absolute link on click.
 * Without it, the link stays in a read-only field a visitor can select.
 */
class ShareCopy extends HTMLElement {
  connectedCallback() {
    const button = this.querySelector<HTMLButtonElement>('[data-share-copy]');
    const field = this.querySelector<HTMLInputElement>('[data-share-url]');
    const status = this.querySelector<HTMLElement>('[data-share-status]');
    if (!button || !field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = this.dataset.copied ?? '';
      } catch {
        field.select();
        if (status) status.textContent = this.dataset.failed ?? '';
      }
    });
  }
}

if (!customElements.get('share-copy')) customElements.define('share-copy', ShareCopy);
