/**
 * The LibGDX viewer: a {@link com.badlogic.gdx.Game} ({@link dev.arcadia.simui.Viewer}) with screens to play an
 * environment with the keyboard, replay recorded episodes, watch a checkpointed agent with its Q-values, and follow a
 * running experiment's metrics, started by {@link dev.arcadia.simui.ViewerMain}. Environments are drawn from their
 * renderer-neutral frames ({@link dev.arcadia.env.render}) by one painter per frame type
 * ({@link dev.arcadia.simui.paint}); the logic of each screen lives in {@link dev.arcadia.simui.model} and runs
 * without GL.
 */
package dev.arcadia.simui;
