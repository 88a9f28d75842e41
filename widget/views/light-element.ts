import { LitElement } from 'lit';

/**
 * A lit element that renders into its own light DOM. The views live inside one shadow root (the widget's),
 * so they share its adopted stylesheet, its ids (aria-labelledby) and one focus trap.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
