package io.secplane.xdr;

import java.util.List;

class H2SeedScriptTest extends SeedScriptSuite {

    @Override
    protected List<String> databaseArguments() {
        return List.of();
    }
}
