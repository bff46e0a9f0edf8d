package io.secplane.admingroups;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

@RestController
@RequestMapping(path = "/v1/organizations/{orgId}/adminGroups", produces = "application/json")
public class AdminGroupController {

    /** The seed's 201 body. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(UUID id, String name, String description, UUID orgId, String created, String type,
                       String appliesTo) {
        static View of(AdminGroup g) {
            return new View(g.id(), g.name(), g.description(), g.orgId(), g.created().toString(), g.type(),
                    g.appliesTo().name());
        }
    }

    public record ListView(List<View> adminGroups) {
    }

    private final AdminGroupService service;

    public AdminGroupController(AdminGroupService service) {
        this.service = service;
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<View> create(@PathVariable UUID orgId, @RequestBody AdminGroupService.CreateRequest body) {
        AdminGroup g = service.create(orgId, body);
        return ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/adminGroups/" + g.id()))
                .body(View.of(g));
    }

    @GetMapping
    public ListView list(@PathVariable UUID orgId) {
        return new ListView(service.list(orgId).stream().map(View::of).toList());
    }

    @GetMapping("/{groupId}")
    public View get(@PathVariable UUID orgId, @PathVariable UUID groupId) {
        return View.of(service.get(orgId, groupId));
    }
}
