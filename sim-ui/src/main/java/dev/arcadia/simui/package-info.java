/**
 * The LibGDX viewer (play, watch, replay, live), which paints the renderer-neutral frames of
 * {@link dev.arcadia.env.render}. The module exists so that the build and the one-way module dependencies are in
 * place; its screens arrive with the viewer issue.
 */
package dev.arcadia.simui;
