/** The viewer's screens: home (text menu), play, replay, watch, live, and a message screen for what cannot open. */
package dev.arcadia.simui.screens;
