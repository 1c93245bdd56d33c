"""openssl configuration text shared by the vector generators (generate.py, ddoc_generate.py).

Every certificate profile is the same few extension lines in the same order, and every CA
database config the same [this] section, so one function writes each and a generator names
only what differs.
"""

CA_USAGE = 'keyCertSign,cRLSign'


def profile(name, usage, ca=None, eku=None, policy=None, qc=None, extra=(), key_ids=False, ski=False):
    """One certificate profile's extension section. `ca` is None for an end entity, '' for a CA, ',pathlen:0' for an
    issuing CA; `qc` a QCStatements DER in hex (or a %-placeholder for it); `extra` lines
    written after the policy; `key_ids` adds both key identifiers, `ski` only the subject's."""
    lines = ['[%s]' % name, 'basicConstraints = ' + ('CA:false' if ca is None else 'critical,CA:true' + ca),
             'keyUsage = critical,' + usage]
    if eku:
        lines.append('extendedKeyUsage = ' + eku)
    if policy:
        lines.append('certificatePolicies = ' + policy)
    if qc:
        lines.append('1.3.6.1.5.5.7.1.3 = DER:' + qc)
    lines += extra
    if key_ids or ski:
        lines.append('subjectKeyIdentifier = hash')
    if key_ids:
        lines.append('authorityKeyIdentifier = keyid')
    return lines


def extensions_file(*sections):
    """The sections as one file's text (a leading blank line, as the generators always wrote it)."""
    return '\n' + '\n'.join(line for section in sections for line in section) + '\n'


def ca_database(folder, database, policy, extra=()):
    """An `openssl ca` config over the database in `folder`: sha256, any subject with a commonName
    (`policy`: the distinguished-name fields and whether each is optional or supplied), no
    extensions copied from the request."""
    lines = ['[ca]', 'default_ca = this', '[this]', 'dir = ' + folder, 'database = $dir/' + database, 'serial = $dir/serial',
             'new_certs_dir = $dir', 'default_md = sha256', 'policy = anything', 'unique_subject = no', 'copy_extensions = none']
    lines += extra
    lines.append('[anything]')
    lines += ['%s = %s' % field for field in policy]
    return '\n'.join(lines) + '\n'
