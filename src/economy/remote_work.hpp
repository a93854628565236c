#pragma once
// Work that goes on without the workers on site (远程办公, 停课不停学): the share of a sector's labour that its
// workers can give from home, so that it counts towards the sector's labour supply while their enterprise is
// closed, the measures keep them from the workplace, transport is cut or their compound is under closed management.
// Illness, isolation, quarantine and being away still stop it. It also stands for output that needs no worker at all
// (owner-occupied housing services in real estate). The shares are a rule (U), set by the nature of the work, not
// fitted: office and knowledge services high, teaching online from mid-February 2020, goods, construction, transport
// and face-to-face services none. economy.remote_work scales them (0: no remote work).
namespace tongchou {

//! Share of sector `sector`'s (0-based NBS index) work that can be done off site, before economy.remote_work.
inline double remote_work_share(int sector) {
  switch (sector + 1) {  // 1-based NBS codes
    case 31: return 0.6;  // information transmission, software and IT services
    case 32: return 0.6;  // finance
    case 33: return 0.5;  // real estate: owner-occupied housing services need no worker; agents and managers partly
    case 34: return 0.4;  // leasing and commercial services (offices)
    case 35: return 0.5;  // research and development
    case 36: return 0.5;  // technical services (design, engineering consulting)
    case 39: return 0.6;  // education: teaching online (停课不停学)
    case 42: return 0.4;  // public administration, social organisations
    default: return 0.0;
  }
}

}  // namespace tongchou
