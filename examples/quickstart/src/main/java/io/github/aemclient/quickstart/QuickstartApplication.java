package io.github.aemclient.quickstart;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/")
public class QuickstartApplication extends Application {
}
