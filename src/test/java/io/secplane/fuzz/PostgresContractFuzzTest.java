package io.secplane.fuzz;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "secplane.test.backend=postgres")
class PostgresContractFuzzTest extends ContractFuzzSuite {

    @Override
    protected int requests() {
        return 4_000;
    }
}
