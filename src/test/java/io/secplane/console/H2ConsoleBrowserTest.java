package io.secplane.console;

class H2ConsoleBrowserTest extends ConsoleBrowserSuite {

    @Override
    String backend() {
        return "h2";
    }
}
