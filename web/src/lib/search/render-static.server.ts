import { render } from 'svelte/server';
import type { Component } from 'svelte';
import { ServerText } from './server-text';

/** Svelte's hydration markers: a part rendered here is never hydrated, so they are only bytes. */
const HYDRATION_MARKERS = /<!--[^>]*-->/g;

/**
 * A component rendered to HTML on the server, for a part of a page that never changes in the browser
 * (see server-text.ts). Its styles must be in a stylesheet the page imports: Svelte includes the
 * styles of components the page renders itself only.
 * `ship`: whether the browser needs the HTML in the data as well (an in-page navigation).
 */
export function renderStatic<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props,
  ship: boolean,
): ServerText {
  const { body } = (render as (c: Component<Props>, o: { props: Props }) => { body: string })(component, { props });
  return new ServerText(body.replace(HYDRATION_MARKERS, '').trim(), ship);
}
