/**
 * The phone menu (below 1024 px the language switcher, theme switch and product navigation fold behind a
 * "Menu" button): a disclosure — the button says whether it is open (`aria-expanded`), opening moves focus
 * to the menu's first control, Escape or the button closes it and focus returns to the button. At desktop
 * widths the stylesheet shows the menu's contents beside the page whatever its state.
 */
export function navMenu(): void {
  const button = document.getElementById('kb-menu-button');
  const menu = document.getElementById('kb-menu');
  if (!button || !menu) return;
  const setOpen = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    menu.toggleAttribute('data-open', open);
  };
  const isOpen = () => button.getAttribute('aria-expanded') === 'true';
  button.addEventListener('click', () => {
    setOpen(!isOpen());
    if (isOpen()) menu.querySelector<HTMLElement>('a, select')?.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !isOpen()) return;
    const inside = menu.contains(document.activeElement) || document.activeElement === button;
    setOpen(false);
    if (inside) button.focus();
  });
}
