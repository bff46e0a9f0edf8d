package io.secplane.cli;

import java.util.List;

class H2ClaimCodeCommandTest extends ClaimCodeCommandSuite {
    @Override
    protected List<String> databaseArguments() {
        return List.of();
    }
}
