/**
 * Drawing: the canvas (LibGDX shapes, sprites and its built-in font), one painter per frame type, and the layout
 * arithmetic that the rendering tests share to find pixels.
 */
package dev.arcadia.simui.paint;
