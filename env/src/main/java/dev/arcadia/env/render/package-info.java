/**
 * Renderer-neutral frames: an environment describes what it looks like (a tile grid, vector shapes, text, pixels) and a viewer
 * picks one painter per frame type. Nothing here depends on a graphics library.
 */
package dev.arcadia.env.render;
