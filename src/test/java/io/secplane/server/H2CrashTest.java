package io.secplane.server;

import java.util.List;

class H2CrashTest extends CrashSuite {

    @Override
    protected List<String> databaseArguments() {
        return List.of();
    }
}
