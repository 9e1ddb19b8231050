package dev.cinema.lifecycle;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

/**
 * A service's background work as one Reactor subscription: made by {@link #run()} when the
 * application starts, disposed when it stops.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private volatile Disposable running;

    /** Subscribes to the work; what it returns is disposed on stop. */
    protected abstract Disposable run();

    @Override
    public void start() {
        running = run();
    }

    @Override
    public void stop() {
        Disposable work = running;
        if (work != null) {
            work.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable work = running;
        return work != null && !work.isDisposed();
    }
}
