package io.secplane.console;

class PostgresConsoleBrowserTest extends ConsoleBrowserSuite {

    @Override
    String backend() {
        return "postgres";
    }
}
