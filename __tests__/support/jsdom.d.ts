/** The part of jsdom's API the Mermaid test support uses (jsdom ships no types; @types/jsdom is not installed). */
declare module "jsdom" {
  /** A DOM and its window, in Node. */
  export class JSDOM {
    constructor(html: string, options?: { runScripts?: "dangerously" | "outside-only"; pretendToBeVisual?: boolean });
    readonly window: unknown;
  }
}
