package io.secplane.xdr;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=h2")
class H2XdrTest extends XdrSuite {
}
