package dev.arcadia.simui;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;

/**
 * Starts the viewer in a desktop window (LWJGL3):
 * {@code view play FrozenLake-v1}, {@code view replay FILE}, {@code view watch RUN_DIR [--seed I]},
 * {@code view live RUN_DIR}, or {@code view} for the menu. Exit code 2 on a usage error.
 */
public final class ViewerMain {

    private ViewerMain() {
    }

    public static void main(String[] args) {
        if (ViewerArgs.wantsHelp(args)) {
            System.out.println(ViewerArgs.USAGE);
            return;
        }
        Launch launch;
        try {
            launch = ViewerArgs.parse(args);
        } catch (ViewerArgs.UsageException e) {
            System.err.println("view: error: " + e.getMessage());
            System.err.println(ViewerArgs.USAGE);
            System.exit(2);
            return;
        }
        Lwjgl3ApplicationConfiguration config = new Lwjgl3ApplicationConfiguration();
        config.setTitle("Arcadia viewer");
        config.setWindowedMode(Viewer.DEFAULT_WIDTH, Viewer.DEFAULT_HEIGHT);
        config.useVsync(true);
        config.setForegroundFPS(60);
        config.disableAudio(true);
        new Lwjgl3Application(new Viewer(launch), config);
    }
}
