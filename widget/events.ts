import type { KotaeEventName, KotaeEvents } from './api.ts';

type Handler = (detail: never) => void;

/** The widget's public events (`Kotae('on', 'vote', fn)`); a throwing handler never breaks the widget. */
export class WidgetEvents {
  private readonly handlers = new Map<KotaeEventName, Set<Handler>>();

  on<E extends KotaeEventName>(event: E, handler: (detail: KotaeEvents[E]) => void): void {
    if (typeof handler !== 'function') throw new TypeError(`Kotae('on', '${event}', fn): fn must be a function`);
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as Handler);
  }

  off<E extends KotaeEventName>(event: E, handler: (detail: KotaeEvents[E]) => void): void {
    this.handlers.get(event)?.delete(handler as Handler);
  }

  emit<E extends KotaeEventName>(event: E, detail: KotaeEvents[E]): void {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        (handler as (detail: KotaeEvents[E]) => void)(detail);
      } catch (error) {
        console.error(`Kotae: a handler of "${event}" threw`, error);
      }
    }
  }
}
