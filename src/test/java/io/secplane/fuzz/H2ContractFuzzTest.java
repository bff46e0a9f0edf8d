package io.secplane.fuzz;

class H2ContractFuzzTest extends ContractFuzzSuite {

    @Override
    protected int requests() {
        return 10_000;
    }
}
