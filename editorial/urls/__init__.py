"""The editorial app mounts two URL lists (bf1portal/urls.py): `public`
(/coverage/, namespace "editorial") and `confirm` (/coverage/mission/,
namespace "mission_confirm"). The desk's admin URLs are registered by
`editorial.wagtail_hooks`."""
