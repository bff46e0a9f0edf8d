package io.secplane.xdr;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresSecureEndpointTest extends SecureEndpointSuite {
}
