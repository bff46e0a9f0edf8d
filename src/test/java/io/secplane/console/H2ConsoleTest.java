package io.secplane.console;

class H2ConsoleTest extends ConsoleSuite {
}
