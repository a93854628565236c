#pragma once
// SHA-256 and random tokens for the service's bearer tokens, from OpenSSL's libcrypto (Debian libssl-dev): EVP_Digest
// with EVP_sha256, and RAND_bytes. Only a token's hash is ever stored.
#include <string>
#include <string_view>

namespace tongchou::service {

//! The SHA-256 of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

//! A new token: "tc_" and 64 hex digits (32 random bytes from RAND_bytes).
std::string random_token();

}  // namespace tongchou::service
