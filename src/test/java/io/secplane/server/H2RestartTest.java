package io.secplane.server;

import java.util.List;

class H2RestartTest extends RestartSuite {

    @Override
    protected List<String> databaseArguments() {
        return List.of();
    }
}
