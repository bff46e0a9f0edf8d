package io.secplane.secureendpoint;

import java.util.List;

class H2SecureEndpointScriptsTest extends SecureEndpointScriptsSuite {

    @Override
    protected List<String> databaseArguments() {
        return List.of();
    }
}
