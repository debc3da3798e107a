package dev.arcadia.simui;

import dev.arcadia.simui.model.PlaySession;
import dev.arcadia.simui.model.RunCheckpoint;
import dev.arcadia.simui.model.WatchSession;
import dev.arcadia.simui.screens.HomeScreen;
import dev.arcadia.simui.screens.LiveScreen;
import dev.arcadia.simui.screens.PlayScreen;
import dev.arcadia.simui.screens.ReplayScreen;
import dev.arcadia.simui.screens.ViewerScreen;
import dev.arcadia.simui.screens.WatchScreen;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/** What the viewer opens first (and what the home screen opens): one record per screen with its arguments. */
public sealed interface Launch {

    /** Builds the screen. Errors (an unknown environment, a run without checkpoints) are thrown with their message. */
    ViewerScreen create(Viewer viewer);

    /** The home screen: environments to play, runs to watch or follow, recordings to replay. */
    record Home(Path runsDir, Path recordingsDir) implements Launch {
        @Override
        public ViewerScreen create(Viewer viewer) {
            return new HomeScreen(viewer, runsDir, recordingsDir);
        }
    }

    /** Play an environment with the keyboard; {@code recordDir} null records nothing. */
    record Play(String envId, Map<String, Object> options, long seed, Path recordDir) implements Launch {
        @Override
        public ViewerScreen create(Viewer viewer) {
            return new PlayScreen(viewer, new PlaySession(envId, options, seed, recordDir));
        }
    }

    /** Replay a recorded episode file. */
    record Replay(Path file) implements Launch {
        @Override
        public ViewerScreen create(Viewer viewer) {
            return new ReplayScreen(viewer, file);
        }
    }

    /**
     * Watch the agent of a run's checkpoint: the latest, or the one at {@code at} (its episode, or its step for a
     * policy-gradient run).
     */
    record Watch(Path runDir, int seed, OptionalLong at) implements Launch {
        @Override
        public ViewerScreen create(Viewer viewer) {
            RunCheckpoint c = RunCheckpoint.load(runDir, seed, at);
            return new WatchScreen(viewer, new WatchSession(c.env(), c.agent(), c.envSeed()),
                    c.config().name + " (" + runDir.getFileName() + "), seed " + seed + ", checkpoint at " + c.label());
        }
    }

    /** Follow a run's metrics while it trains. */
    record Live(Path runDir) implements Launch {
        @Override
        public ViewerScreen create(Viewer viewer) {
            return new LiveScreen(viewer, runDir);
        }
    }
}
