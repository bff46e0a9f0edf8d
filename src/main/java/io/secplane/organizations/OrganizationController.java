package io.secplane.organizations;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.organizations.OrganizationDtos.CreateRequest;
import io.secplane.organizations.OrganizationDtos.Details;
import io.secplane.organizations.OrganizationDtos.Page;
import io.secplane.organizations.OrganizationDtos.Summary;
import io.secplane.organizations.OrganizationDtos.UpdateRequest;

@RestController
@RequestMapping(path = "/v1/organizations", produces = "application/json")
public class OrganizationController {

    private final OrganizationService service;

    public OrganizationController(OrganizationService service) {
        this.service = service;
    }

    @GetMapping
    public Page list(@RequestParam(required = false) String name,
                     @RequestParam(required = false) String type,
                     @RequestParam(required = false) String regionCode,
                     @RequestParam(required = false) UUID managerOrgId,
                     @RequestParam(required = false) Integer max,
                     @RequestParam(required = false) String cursor,
                     @RequestParam(required = false) String sortBy,
                     @RequestParam(required = false) String order) {
        OrganizationService.Page page = service.list(name, type, regionCode, managerOrgId, max, cursor, sortBy, order);
        return new Page(page.items().stream().map(Summary::of).toList(), page.nextCursor());
    }

    @GetMapping("/{orgId}")
    public Details get(@PathVariable UUID orgId) {
        return Details.of(service.get(orgId));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<Details> create(@RequestBody CreateRequest body) {
        Organization created = service.create(body);
        return ResponseEntity.created(URI.create("/v1/organizations/" + created.id())).body(Details.of(created));
    }

    @PutMapping(path = "/{orgId}", consumes = "application/json")
    public Details update(@PathVariable UUID orgId, @RequestBody UpdateRequest body) {
        return Details.of(service.update(orgId, body));
    }
}
