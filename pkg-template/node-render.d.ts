
// @server-render: the server-side renderers (SPEC §4.4), appended by
// scripts/build-pkg.sh to the Node build's declarations only: Node's .wasm
// carries them, the browsers' (and so Deno's and Workers') does not.
// HTML and e-mail from a diagnosis. A malformed diagnosis is a `TypeError`
// whose `errors` locate every problem; a bad option a `TypeError` (wrong
// type) or `RangeError` (wrong value).

export interface RenderHTMLOptions {
  /** The `locale` attribute the widget goes on in when it takes over (default: the diagnosis's). The labels are in the diagnosis's language. */
  locale?: string;
  /** The `theme` attribute: "light", "dark" or "auto" (default: the page's `color-scheme`). */
  theme?: "light" | "dark" | "auto";
  /**
   * URL of the package's `widget.css` as the page serves it (http(s) or
   * relative), linked inside the shadow root so that the markup is styled
   * before any script runs (allowed by `style-src 'self'`).
   */
  stylesheet?: string;
  /** The IANA zone the diagnosis was explained in (its `timeZone` option), if not the shop's; needed (else a RangeError) when the diagnosis shows times and comes from other rules than the renderer's. */
  timeZone?: string;
}

export interface RenderEmailOptions {
  /** The shop's name, shown at the top. */
  brand?: string;
  /** Where to get help (http(s)); default: the `contact_support` link, else `settings.support_url`. */
  supportUrl?: string;
  /** Accepted for symmetry with `renderHTML`; the fixed texts are in the diagnosis's language. */
  locale?: string;
  /** The IANA zone the diagnosis was explained in, if not the shop's. */
  timeZone?: string;
}

/** A transactional e-mail: one-line subject, HTML part (tables, inline styles, no script), plain-text part. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The widget's markup for a diagnosis: `<order-lens>` with a declarative
 * shadow root (`<template shadowrootmode="open">`), which `<order-lens>`
 * takes over when it loads. Labels from the built-in messages.
 */
export declare function renderHTML(diagnosis: Diagnosis | string, options?: RenderHTMLOptions): string;

/** A transactional e-mail for a diagnosis: `{ subject, html, text }`. */
export declare function renderEmail(diagnosis: Diagnosis | string, options?: RenderEmailOptions): RenderedEmail;

export interface CompiledRules {
  /** `renderHTML` with these rules' labels (`widget.*` messages) and time zone. */
  renderHTML(diagnosis: Diagnosis | string, options?: RenderHTMLOptions): string;
  /** `renderEmail` with these rules' texts, `settings.support_url` and time zone. */
  renderEmail(diagnosis: Diagnosis | string, options?: RenderEmailOptions): RenderedEmail;
}
