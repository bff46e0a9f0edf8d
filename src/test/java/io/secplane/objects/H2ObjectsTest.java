package io.secplane.objects;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=h2")
class H2ObjectsTest extends ObjectsSuite {
}
