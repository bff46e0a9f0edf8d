-- Vulnerabilities Secure Endpoint reports for computers: a catalogue of known vulnerabilities (the
-- same for every organization; sample data, ours) and which of them each computer has, in which
-- version of the vulnerable application, since when. A computer's rows go with it.
CREATE TABLE se_vulnerabilities (
    cve                    VARCHAR(32)   PRIMARY KEY,
    title                  VARCHAR(512)  NOT NULL,
    application            VARCHAR(255)  NOT NULL,
    cvss_v2_base           DECIMAL(3, 1),
    cvss_v2_temporal       DECIMAL(3, 1),
    cvss_v31_base          DECIMAL(3, 1),
    cvss_v31_temporal      DECIMAL(3, 1),
    risk_score             INT           NOT NULL,
    fixes                  VARCHAR(4096) NOT NULL,
    active_internet_breach BOOLEAN       NOT NULL,
    easily_exploitable     BOOLEAN       NOT NULL,
    malware_exploitable    BOOLEAN       NOT NULL
);
INSERT INTO se_vulnerabilities VALUES
    ('CVE-2021-44228', 'Remote code execution through JNDI lookups in log messages (Log4Shell)', 'Apache Log4j',
     9.3, 8.4, 10.0, 9.5, 100, '[{"id":"log4j-2.17.1","url":"https://logging.apache.org/log4j/2.x/security.html"}]', TRUE, TRUE, TRUE),
    ('CVE-2017-0144', 'Remote code execution in the SMBv1 server', 'Microsoft Windows',
     9.3, 8.1, 8.1, 7.5, 95, '[{"id":"MS17-010","url":"https://learn.microsoft.com/security-updates/securitybulletins/2017/ms17-010"}]', TRUE, TRUE, TRUE),
    ('CVE-2021-34527', 'Remote code execution in the Print Spooler (PrintNightmare)', 'Microsoft Windows',
     9.0, 7.8, 8.8, 8.2, 90, '[{"id":"KB5004945","url":"https://support.microsoft.com/help/5004945"}]', TRUE, TRUE, TRUE),
    ('CVE-2022-30190', 'Remote code execution through the Support Diagnostic Tool (Follina)', 'Microsoft Windows',
     9.3, 8.1, 7.8, 7.2, 85, '[{"id":"KB5014699","url":"https://support.microsoft.com/help/5014699"}]', TRUE, TRUE, TRUE),
    ('CVE-2023-23397', 'Elevation of privilege through a crafted reminder', 'Microsoft Outlook',
     NULL, NULL, 9.8, 9.1, 92, '[{"id":"KB5002254","url":"https://support.microsoft.com/help/5002254"}]', TRUE, TRUE, FALSE),
    ('CVE-2023-4863', 'Heap buffer overflow in WebP images', 'Google Chrome',
     NULL, NULL, 8.8, 8.4, 80, '[{"id":"116.0.5845.187","url":"https://chromereleases.googleblog.com/"}]', TRUE, FALSE, FALSE),
    ('CVE-2024-3094', 'Backdoor in the liblzma release tarballs', 'xz-utils',
     NULL, NULL, 10.0, 9.6, 70, '[{"id":"xz-5.6.2","url":"https://tukaani.org/xz-backdoor/"}]', FALSE, FALSE, FALSE),
    ('CVE-2024-6387', 'Unauthenticated remote code execution in the server (regreSSHion)', 'OpenSSH',
     NULL, NULL, 8.1, 7.6, 75, '[{"id":"openssh-9.8p1","url":"https://www.openssh.com/txt/release-9.8"}]', FALSE, FALSE, FALSE),
    ('CVE-2023-41064', 'Buffer overflow in ImageIO processing a crafted image (BLASTPASS)', 'Apple macOS',
     NULL, NULL, 7.8, 7.4, 88, '[{"id":"macOS-13.5.2","url":"https://support.apple.com/HT213906"}]', TRUE, FALSE, TRUE);

CREATE TABLE se_computer_vulnerabilities (
    connector_guid UUID        NOT NULL REFERENCES se_computers (connector_guid) ON DELETE CASCADE,
    cve            VARCHAR(32) NOT NULL REFERENCES se_vulnerabilities (cve),
    version        VARCHAR(64) NOT NULL,
    detected_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (connector_guid, cve)
);
