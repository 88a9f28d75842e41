/**
 * The search engine chunk (`engine-<hash>.js`): Kotae's engine from `search/`, through its public API only.
 * Built as its own entry and imported when the customer starts typing, so opening the widget does not wait
 * for it.
 */
export { answers, loadIndex, search } from '../search/index.ts';
