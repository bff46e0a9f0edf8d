package io.secplane.state;

/** The state's operations on H2, each server with its own database in its data directory. */
class H2StateTest extends StateSuite {

    @Override
    protected String newDatabase() {
        return null;
    }
}
