package io.secplane.objects;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresObjectsTest extends ObjectsSuite {
}
