"""Reads of the broadcasting domain shared by pages, exports and APIs, one module
per audience: `planning` (broadcasters' running order), `advertiser` (an
advertiser's own airings and certificates), `admin` (Diffusion screens)."""
